package io.github.vectororm.test.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Without a database the tests fail with instructions; they never skip. */
class DatabaseLocatorTest {

    @Test
    void noUrlAndNoDockerFailsWithInstructions() {
        assertThatThrownBy(() -> DatabaseLocator.locate(null, " ", () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No database configured and no Docker engine reachable.")
                .hasMessageContaining("bash scripts/setup-db.sh")
                .hasMessageContaining("VECTORORM_JDBC_URL")
                .hasMessageContaining("pgvector/pgvector:0.8.0-pg17");
    }

    @Test
    void anUnreachableUrlNamesItsSource() {
        assertThatThrownBy(() -> DatabaseLocator.locate("jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2", null, () -> false))
                .hasMessageContaining("The database named by system property vectororm.jdbc.url (jdbc:postgresql://127.0.0.1:1/nothing")
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        String url = DatabaseLocator.baseUrl(); // whichever way this run found its database
        assertThat(DatabaseLocator.locate(url, "jdbc:postgresql://127.0.0.1:1/unused", () -> false)).isEqualTo(url);
        assertThat(DatabaseLocator.locate(null, url, () -> false)).isEqualTo(url);
    }
}
