package io.github.vectororm.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real PostgreSQL with the pgvector extension, in a schema of its own
 * that is dropped after the class.
 *
 * <p>Test methods, constructors and lifecycle methods may declare parameters of type
 * {@link TestDatabase} or {@link javax.sql.DataSource}. Where the database comes from is described on
 * {@link PgVectorDatabaseExtension}.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PgVectorDatabaseExtension.class)
public @interface PgVectorDatabase {
}
