package io.junction.jdbc;

import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the shaded jar itself, after {@code package}: its content, and its behaviour in a clean JVM that has
 * nothing else on the class path, talking to a server that speaks stock (unrelocated) Avatica.
 */
class ShadedJarIT {
    private static final Path JAR = Paths.get(System.getProperty("junction.shadedJar"));
    private static final Path PROBE = Paths.get(System.getProperty("junction.probeSource"));
    /** The JVM to run the probe in: the build's own unless -Djunction.probeJavaHome names another JDK. */
    private static final Path PROBE_JAVA = Paths.get(
            System.getProperty("junction.probeJavaHome", System.getProperty("java.home")), "bin", "java");

    @Test
    void jar_everyEntryUnderIoJunctionJdbc_java11Bytecode_noUnsafe() throws IOException {
        List<String> strays = new ArrayList<>();
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!name.startsWith("META-INF/") && !name.startsWith("io/junction/jdbc/")
                        && !name.equals("io/") && !name.equals("io/junction/")) {
                    strays.add(name);
                }
            }
            assertThat(strays).isEmpty();
            assertThat(jar.getEntry("io/junction/jdbc/Driver.class")).isNotNull();
            assertThat(jar.getEntry("io/junction/jdbc/shaded/org/apache/calcite/avatica/remote/Driver.class"))
                    .isNotNull();
            assertThat(Collections.list(jar.entries())).map(ZipEntry::getName)
                    .noneMatch(n -> n.startsWith("io/junction/jdbc/shaded/org/apache/hc/client5/"))
                    .noneMatch(n -> n.endsWith("module-info.class"))
                    .noneMatch(n -> n.startsWith("META-INF/versions/"));
            List<String> newerThanJava11 = new ArrayList<>();
            List<String> usingUnsafe = new ArrayList<>();
            for (ZipEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().endsWith(".class")) {
                    byte[] bytes = jar.getInputStream(entry).readAllBytes();
                    int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
                    if (major > 55) {
                        newerThanJava11.add(entry.getName() + " (" + major + ")");
                    }
                    // sun.misc.Unsafe is relocated to a class that does not exist (see the pom).
                    String constants = new String(bytes, StandardCharsets.ISO_8859_1)
                            .replace("io/junction/jdbc/shaded/unavailable/sun/misc/Unsafe", "");
                    if (constants.contains("sun/misc/Unsafe")) {
                        usingUnsafe.add(entry.getName());
                    }
                }
            }
            assertThat(newerThanJava11).isEmpty();
            assertThat(usingUnsafe).isEmpty();
            String drivers = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(drivers.strip()).isEqualTo("io.junction.jdbc.Driver");
        }
    }

    @Test
    void cleanJvm_loadsTheDriver_failsWith08001_andTalksToAStockServer_silently() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (FakeAvaticaServer server = FakeAvaticaServer.start()) {
            ProbeRun run = runProbe(Integer.toString(server.port()), Integer.toString(closedPort));

            assertThat(run.stderr).as("stderr of the clean JVM").isEmpty();
            assertThat(run.exitCode).as("exit code; stdout: %s", run.stdout).isZero();
            assertThat(run.stdout).containsExactly(
                    "driver=io.junction.jdbc.Driver",
                    "acceptsJunction=true",
                    "acceptsAvatica=false",
                    "avaticaRemoteDriver=none",
                    "properties=user,password,source,serialization,connectTimeout,socketTimeout,fetchSize,"
                            + "applicationName,gzip",
                    "closedPort=08001 Could not connect to Junction at 127.0.0.1:" + closedPort
                            + ": connection refused. Check that the server is running and the URL is right.",
                    "protobuf.rows=123",
                    "protobuf.driverName=Junction JDBC Driver",
                    "protobuf.jdbc=4.2",
                    "json.rows=123",
                    "json.driverName=Junction JDBC Driver",
                    "json.jdbc=4.2");
            // The stock server could decode every request, so the protobuf names on the wire were canonical.
            assertThat(server.exchanges()).extracting(FakeAvaticaServer.Exchange::json).contains(false, true);
            assertThat(server.first(Service.OpenConnectionRequest.class).info)
                    .containsOnlyKeys("junction.source", "junction.timeZone", "junction.temporal", "junction.parameters")
                    .containsEntry("junction.source", "pg");
            assertThat(server.exchanges()).allSatisfy(e -> assertThat(e.authorization()).startsWith("Basic "));
        }
    }

    private record ProbeRun(int exitCode, List<String> stdout, String stderr) {
    }

    private static ProbeRun runProbe(String... args) throws IOException, InterruptedException {
        // An application's slf4j setting must not reach the driver's private slf4j copy.
        List<String> command = new ArrayList<>(List.of(PROBE_JAVA.toString(),
                "-Dslf4j.provider=org.example.ApplicationsOwnProvider", "-cp", JAR.toString(), PROBE.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("probe", ".out");
        Path err = Files.createTempFile("probe", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("CLASSPATH");
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().remove("JDK_JAVA_OPTIONS");
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the probe JVM did not finish; stdout so far: " + Files.readString(out));
            }
            return new ProbeRun(process.exitValue(), Files.readAllLines(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
