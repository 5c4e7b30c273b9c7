# Built by `docker compose up --build` (or `docker build -t calbridge .`).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -q -B dependency:go-offline
COPY src src
RUN ./mvnw -q -B -DskipTests package && cp target/calbridge-*.jar /calbridge.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 calbridge
USER calbridge
COPY --from=build /calbridge.jar /app/calbridge.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/calbridge.jar"]
