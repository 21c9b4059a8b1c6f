package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.mail.SmtpServer;
import org.parley.mail.TlsMode;
import org.parley.store.Vendor;

class ParleyConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsRunOnSqliteInTheDataDirectoryOnPort8080() {
        ParleyConfig config = ParleyConfig.load(Map.of(), Optional.empty(), Map.of());
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().publicUrl()).isEqualTo("http://localhost:8080");
        assertThat(config.store().vendor()).isEqualTo(Vendor.SQLITE);
        assertThat(config.store().effectiveUrl()).endsWith("data/parley.db");
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws IOException {
        Path file = dir.resolve("parley.properties");
        Files.writeString(file, "server.port=7000\ndata.dir=/from/file\ncomments.pageSize=30\n");
        Map<String, String> env = Map.of("PARLEY_PORT", "7100", "PARLEY_DB_URL", "jdbc:postgresql://db/parley");

        ParleyConfig config = ParleyConfig.load(env, Optional.of(file), Map.of(ConfigKey.SERVER_PORT, "7200"));

        assertThat(config.server().port()).isEqualTo(7200);
        assertThat(config.store().vendor()).isEqualTo(Vendor.POSTGRESQL);
        assertThat(config.store().dataDir()).isEqualTo(Path.of("/from/file"));
        assertThat(config.comments().pageSizeDefault()).isEqualTo(30);
        assertThat(ParleyConfig.load(env, Optional.of(file), Map.of()).server().port()).isEqualTo(7100);
    }

    @Test
    void aBadValueNamesTheKeyTheRangeAndWhereItCameFrom() {
        assertThatThrownBy(() -> ParleyConfig.load(Map.of("PARLEY_PORT", "eighty"), Optional.empty(), Map.of()))
                .hasMessageContaining("server.port").hasMessageContaining("0 to 65535").hasMessageContaining("PARLEY_PORT")
                .hasMessageContaining("eighty");
        assertThatThrownBy(() -> ParleyConfig.load(Map.of("PARLEY_DB_URL", "jdbc:mysql://x"), Optional.empty(), Map.of()))
                .hasMessageContaining("jdbc:sqlite:").hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void logsAreTextUnlessJsonIsAskedForAndAnythingElseIsRefusedByName() {
        assertThat(ParleyConfig.load(Map.of(), Optional.empty(), Map.of()).logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(ParleyConfig.load(Map.of("PARLEY_LOGGING_FORMAT", "json"), Optional.empty(), Map.of()).logFormat())
                .isEqualTo(LogFormat.JSON);
        assertThat(ParleyConfig.of(Map.of(ConfigKey.LOGGING_FORMAT, " JSON ")).logFormat()).isEqualTo(LogFormat.JSON);
        assertThatThrownBy(() -> ParleyConfig.load(Map.of("PARLEY_LOGGING_FORMAT", "logfmt"), Optional.empty(), Map.of()))
                .hasMessageContaining("logging.format must be one of text, json")
                .hasMessageContaining("PARLEY_LOGGING_FORMAT").hasMessageContaining("'logfmt'");
    }

    @Test
    void aMetricsTokenIsOptionalLongAndVisibleAndNeverShownInMessagesOrToString() {
        assertThat(ParleyConfig.of(Map.of()).metrics().token()).isEmpty();
        ParleyConfig set = ParleyConfig.load(Map.of("PARLEY_METRICS_TOKEN", " 0123456789abcdef-tok "), Optional.empty(), Map.of());
        assertThat(set.metrics().token()).contains("0123456789abcdef-tok");
        assertThat(set.toString()).doesNotContain("0123456789abcdef-tok");
        for (String bad : new String[] {"short-tok3n", "0123456789 abcdef-tok", "0123456789abcdef-tök"}) {
            assertThatThrownBy(() -> ParleyConfig.load(Map.of("PARLEY_METRICS_TOKEN", bad), Optional.empty(), Map.of()))
                    .hasMessageContaining("metrics.token").hasMessageContaining("at least 16")
                    .hasMessageContaining("PARLEY_METRICS_TOKEN").message().doesNotContain(bad);
        }
    }

    @Test
    void emailIsOffWithoutAnSmtpHostAndNeedsAFromAddressWithOne() {
        assertThat(ParleyConfig.of(Map.of()).mail().smtp()).isEmpty();
        Map<String, String> env = Map.of("PARLEY_MAIL_SMTP_HOST", "smtp.news.example", "PARLEY_MAIL_SMTP_TLS", "implicit",
                "PARLEY_MAIL_SMTP_PORT", "465", "PARLEY_MAIL_SMTP_USERNAME", "parley", "PARLEY_MAIL_SMTP_PASSWORD", "s3cret-Passw0rd",
                "PARLEY_MAIL_FROM_ADDRESS", "comments@news.example", "PARLEY_MAIL_MAX_ATTEMPTS", "4");
        ParleyConfig config = ParleyConfig.load(env, Optional.empty(), Map.of());
        SmtpServer smtp = config.mail().smtp().orElseThrow();
        assertThat(smtp.host()).isEqualTo("smtp.news.example");
        assertThat(smtp.port()).isEqualTo(465);
        assertThat(smtp.tls()).isEqualTo(TlsMode.IMPLICIT);
        assertThat(smtp.password()).contains("s3cret-Passw0rd");
        assertThat(smtp.from().value()).isEqualTo("comments@news.example");
        assertThat(config.mail().maxAttempts()).isEqualTo(4);
        assertThat(config.toString()).doesNotContain("s3cret-Passw0rd", "comments@", "username=parley");

        assertThatThrownBy(() -> ParleyConfig.load(Map.of("PARLEY_MAIL_SMTP_HOST", "smtp.news.example"), Optional.empty(), Map.of()))
                .hasMessageContaining("mail.fromAddress").hasMessageContaining("mail.smtpHost");
        assertThatThrownBy(() -> ParleyConfig.load(Map.of("PARLEY_MAIL_SMTP_TLS", "ssl"), Optional.empty(), Map.of()))
                .hasMessageContaining("mail.smtpTls must be one of none, starttls, implicit");
        assertThatThrownBy(() -> ParleyConfig.load(Map.of("PARLEY_MAIL_TEMPLATES_DIR", dir.resolve("nowhere").toString()),
                Optional.empty(), Map.of())).hasMessageContaining("mail.templatesDir must name a directory");
    }

    /** The archive's config/parley.properties.example: every key, commented out with its default, each value valid. */
    @Test
    void theExampleConfigurationListsEveryKeyWithItsDefault() throws IOException {
        Path example = Path.of("src", "dist", "config", "parley.properties.example");
        List<String> lines = Files.readAllLines(example);
        List<String[]> settings = lines.stream().filter(line -> line.matches("#[a-z]+\\.[a-zA-Z]+ =.*"))
                .map(line -> line.substring(1).split(" =", 2)).toList();
        assertThat(settings.stream().map(pair -> pair[0]).toList())
                .containsExactlyElementsOf(Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList());
        for (ConfigKey key : ConfigKey.values()) {
            String shown = settings.stream().filter(pair -> pair[0].equals(key.key())).findFirst().orElseThrow()[1].strip();
            assertThat(shown).as("default of %s", key.key()).isEqualTo(key.fallback());
            assertThat(String.join("\n", lines)).as("environment variable of %s", key.key()).contains("[" + key.env() + "]");
        }
        Path uncommented = dir.resolve("parley.properties");
        Files.write(uncommented, lines.stream().map(line -> line.matches("#[a-z]+\\..*") ? line.substring(1) : line).toList());
        assertThat(ParleyConfig.load(Map.of(), Optional.of(uncommented), Map.of()))
                .isEqualTo(ParleyConfig.load(Map.of(), Optional.empty(), Map.of()));
    }

    @Test
    void theReadmeDocumentsExactlyTheKeysParleyReads() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("README.md"));
        List<String> documented = readme.stream()
                .filter(line -> line.matches("\\| `[a-zA-Z.]+` \\| `PARLEY_[A-Z_]+` \\|.*"))
                .map(line -> line.split("\\|")[1].strip().replace("`", "") + " " + line.split("\\|")[2].strip().replace("`", ""))
                .toList();
        List<String> keys = Arrays.stream(ConfigKey.values()).map(k -> k.key() + " " + k.env()).toList();
        assertThat(documented).containsExactlyElementsOf(keys);
        for (ConfigKey key : ConfigKey.values()) {
            String row = readme.stream().filter(line -> line.startsWith("| `" + key.key() + "`")).findFirst().orElseThrow();
            String fallback = row.split("\\|")[3].strip().replace("`", "");
            assertThat(fallback).as("default of " + key.key()).isEqualTo(key.fallback());
        }
    }
}
