package io.github.vectororm.spring.shards;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application on the coordinator of a sharded table: entities and repositories of this package. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ShardsApplication {
}
