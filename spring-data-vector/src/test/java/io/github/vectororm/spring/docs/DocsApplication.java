package io.github.vectororm.spring.docs;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The repository tests' application: entities and repositories of this package. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DocsApplication {
}
