package io.github.vectororm.spring.reliability;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The concurrency test's application: the items of this package, on a Hikari pool. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ConcurrencyApplication {
}
