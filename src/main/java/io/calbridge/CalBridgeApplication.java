package io.calbridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CalBridgeApplication {

	public static void main(String[] args) {
		SpringApplication.run(CalBridgeApplication.class, args);
	}

}
