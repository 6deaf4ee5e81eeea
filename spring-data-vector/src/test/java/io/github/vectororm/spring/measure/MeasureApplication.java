package io.github.vectororm.spring.measure;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The measurement's application: the items of this package. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MeasureApplication {
}
