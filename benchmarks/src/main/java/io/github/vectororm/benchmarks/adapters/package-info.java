/**
 * What the adapter benchmarks share: one entity ({@link io.github.vectororm.benchmarks.adapters.BenchItem}) mapped
 * onto whichever benchmark table a benchmark uses ({@link io.github.vectororm.benchmarks.adapters.TableNaming}),
 * SessionFactories with vector-orm on or off ({@link io.github.vectororm.benchmarks.adapters.Hibernates}), and the
 * Spring Boot application of the Spring Data paths ({@code spring}).
 */
package io.github.vectororm.benchmarks.adapters;
