package io.github.vectororm.spring.replica;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/** Writes go to the primary; read-only transactions to the standby (Spring's LazyConnectionDataSourceProxy). */
@SpringBootApplication
public class ReplicaApplication {

    // tag::replica[]
    @Bean
    HikariDataSource primaryDataSource(@Value("${app.primary-url}") String url) {
        HikariDataSource primary = new HikariDataSource();
        primary.setJdbcUrl(url);
        return primary;
    }

    @Bean
    HikariDataSource standbyDataSource(@Value("${app.standby-url}") String url) {
        HikariDataSource standby = new HikariDataSource();
        standby.setJdbcUrl(url);
        standby.setReadOnly(true);
        return standby;
    }

    /** Read-only transactions (vector-orm's searches are) take their connection from the standby. */
    @Bean
    @Primary
    DataSource dataSource(@Qualifier("primaryDataSource") DataSource primary,
            @Qualifier("standbyDataSource") DataSource standby) {
        LazyConnectionDataSourceProxy routing = new LazyConnectionDataSourceProxy(primary);
        routing.setReadOnlyDataSource(standby);
        return routing;
    }
    // end::replica[]
}
