# ccbridge in a container: the distribution built from this repository, run on a JRE as an unprivileged user.
#
#   docker build -t ccbridge .
#   docker run --rm -p 8787:8787 -e JOY_TOKEN_API_KEY=jt_... -e GATEWAY_API_KEY=change-me ccbridge
#
# The bridge is stateless: run as many replicas as you like behind any load balancer (deploy/kubernetes/ has
# manifests). Probes: GET /observe/health/live and /observe/health/ready.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package -pl distribution -am

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --create-home --home-dir /var/lib/ccbridge ccbridge
COPY --from=build /src/distribution/target/ccbridge /opt/ccbridge
WORKDIR /var/lib/ccbridge
USER 10001
# Listen on every interface (set GATEWAY_API_KEY: the bridge warns when it is reachable without one); keep usage
# records and the JDK's startup cache under the user's home, which a volume can keep across restarts.
ENV HOST=0.0.0.0 \
    PORT=8787 \
    BRIDGE_USAGE_DIR=/var/lib/ccbridge/usage \
    CCBRIDGE_CACHE_DIR=/var/lib/ccbridge/cache
EXPOSE 8787
ENTRYPOINT ["/opt/ccbridge/bin/ccbridge"]
