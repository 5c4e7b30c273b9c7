package io.calbridge;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole app on a random port over a clean database. Every integration test uses this one shape, so
 * Spring starts the app (and the embedded PostgreSQL) once per test run. The app's clock is a {@link MovableClock}
 * that tests move where time is what they are about.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ CleanDatabase.class, MovableClock.InTheApp.class })
public @interface CalBridgeTest {

}
