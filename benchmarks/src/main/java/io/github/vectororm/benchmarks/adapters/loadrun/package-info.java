/**
 * The load run's adapter setup: {@link io.github.vectororm.benchmarks.adapters.loadrun.LoadItem}, the k-NN table's
 * rows with their category, and the Spring Boot application of its Spring Data path.
 */
package io.github.vectororm.benchmarks.adapters.loadrun;
