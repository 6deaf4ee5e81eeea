package io.github.vectororm.hibernate;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorFeature;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.hibernate.internal.PgVectorJdbcType;
import io.github.vectororm.hibernate.internal.SessionTransactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import jakarta.persistence.criteria.Subquery;
import jakarta.persistence.metamodel.SingularAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.query.criteria.JpaCriteriaQuery;

/**
 * Typed nearest-neighbor queries over entities: the k entities nearest to a vector, or to another entity,
 * by a metric, with ordinary Criteria predicates, each returned with its distance.
 *
 * <pre>{@code
 * List<Nearest<Animal>> hits = VectorSearch.nearest(session, Animal.class, "embedding", Metric.COSINE)
 *         .toNeighborsOf(shark)                    // excludes the shark itself
 *         .where((cb, animal) -> cb.equal(animal.get("habitat"), "sea"))
 *         .settings(SearchSettings.builder().hnswEfSearch(100).hnswIterativeScan(IterativeScan.RELAXED_ORDER).build())
 *         .limit(5)
 *         .list();
 * }</pre>
 * As in jOOQ's {@code NearestNeighbors} and in SQL, {@link #limit(int)} is a step of the query; {@link #list()}
 * runs it.
 * The SQL keeps the only form an ANN index serves, {@code ORDER BY embedding <=> ? FETCH FIRST k ROWS}, with
 * the bare operator; search settings apply to this query's transaction only (one is opened and committed
 * around the query when none is active).
 *
 * @param <T> the entity type
 * @since 0.1.0
 */
public final class VectorSearch<T> {

    /**
     * A Criteria predicate over the searched entity.
     *
     * @param <T> the entity type
     */
    @FunctionalInterface
    public interface Filter<T> {
        /**
         * Builds the filter condition on the searched entity.
         *
         * @param cb the criteria builder
         * @param root the searched entity
         * @return the predicate
         */
        Predicate toPredicate(CriteriaBuilder cb, Root<T> root);
    }

    private final Session session;
    private final Class<T> entityClass;
    private final String attribute;
    private final Metric metric;
    private final VectorType type;
    private final Integer dimensions;
    private final Class<?> attributeJavaType;
    private final org.hibernate.type.descriptor.java.JavaType<?> attributeType;
    private final List<Filter<T>> filters = new ArrayList<>();
    private Object probe;
    private T probeEntity;
    private SearchSettings settings = SearchSettings.none();
    private int offset;
    private boolean readOnly;
    private int limit;

    private VectorSearch(Session session, Class<T> entityClass, String attribute, Metric metric) {
        this.session = session;
        this.entityClass = entityClass;
        this.attribute = attribute;
        this.metric = metric;
        EntityPersister persister = session.getSessionFactory().unwrap(SessionFactoryImplementor.class)
                .getMappingMetamodel().getEntityDescriptor(entityClass);
        AttributeMapping mapping = persister.findAttributeMapping(attribute);
        if (!(mapping instanceof BasicValuedModelPart basic)
                || !(basic.getJdbcMapping().getJdbcType() instanceof PgVectorJdbcType jdbcType)) {
            throw new IllegalArgumentException(path() + " is not a pgvector attribute");
        }
        this.type = jdbcType.vectorType();
        this.dimensions = basic.getArrayLength();
        this.attributeType = basic.getJdbcMapping().getJavaTypeDescriptor();
        this.attributeJavaType = attributeType.getJavaTypeClass();
        try {
            metric.requireAppliesTo(type);
        } catch (VectorValidationException e) {
            throw e.withContext(path());
        }
    }

    /**
     * Starts a search.
     *
     * @param entityManager a JPA EntityManager or Hibernate Session
     * @param entityClass the entity searched
     * @param attribute the vector attribute
     * @param metric the distance; an index on the attribute must serve the same metric to be used
     * @param <T> the entity type
     * @return the search, to be given a probe and a limit
     */
    public static <T> VectorSearch<T> nearest(EntityManager entityManager, Class<T> entityClass, String attribute,
            Metric metric) {
        return new VectorSearch<>(entityManager.unwrap(Session.class), Objects.requireNonNull(entityClass),
                Objects.requireNonNull(attribute), Objects.requireNonNull(metric));
    }

    /**
     * Typed-metamodel variant of {@link #nearest(EntityManager, Class, String, Metric)}.
     *
     * @param entityManager a JPA EntityManager or Hibernate Session
     * @param entityClass the entity searched
     * @param attribute the vector attribute, e.g. {@code Animal_.embedding}
     * @param metric the distance
     * @param <T> the entity type
     * @return the search
     */
    public static <T> VectorSearch<T> nearest(EntityManager entityManager, Class<T> entityClass,
            SingularAttribute<? super T, ?> attribute, Metric metric) {
        return nearest(entityManager, entityClass, attribute.getName(), metric);
    }

    /**
     * Searches around a vector.
     *
     * @param vector a {@code float[]} or pgvector-java value of the attribute's dimension
     * @return this search
     * @throws VectorValidationException naming the attribute if the vector is invalid or of another dimension
     */
    public VectorSearch<T> to(Object vector) {
        Objects.requireNonNull(vector, "vector");
        try {
            VectorValues.toParameter(type, vector); // validates
            if (dimensions != null) {
                type.requireDimensions("query vector", VectorValues.dimensions(type, vector), "the attribute", dimensions);
            }
        } catch (VectorValidationException e) {
            throw e.withContext(path());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path() + ": " + e.getMessage(), e);
        }
        // bound as the attribute's own Java type; a type vector-core does not know (Spring Data's Vector, say)
        // is built by the attribute's JavaType from float[]
        this.probe = VectorValues.supports(type, attributeJavaType) ? VectorValues.fromResult(type, vector, attributeJavaType)
                : attributeType.wrap(VectorValues.fromResult(type, vector, float[].class), null);
        this.probeEntity = null;
        return this;
    }

    /**
     * Searches around another entity's vector, read by the database in the same statement, and leaves that
     * entity out of the results.
     *
     * @param entity a persistent entity of the searched type
     * @return this search
     */
    public VectorSearch<T> toNeighborsOf(T entity) {
        Object id = session.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(Objects.requireNonNull(entity));
        if (id == null) {
            throw new IllegalArgumentException(entityClass.getSimpleName() + " has no identifier yet: persist it first");
        }
        this.probeEntity = entity;
        this.probe = null;
        return this;
    }

    /**
     * Adds a condition; several are combined with AND.
     *
     * @param filter the predicate
     * @return this search
     */
    public VectorSearch<T> where(Filter<T> filter) {
        filters.add(Objects.requireNonNull(filter));
        return this;
    }

    /**
     * Search settings for this query only (ef_search, probes, iterative scan, exact).
     *
     * @param settings the settings
     * @return this search
     */
    public VectorSearch<T> settings(SearchSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        return this;
    }

    /**
     * Skips the nearest {@code offset} entities, for paging through neighbors; the index still serves the
     * query (it reads offset + k entries).
     *
     * @param offset how many of the nearest to skip, 0 or more
     * @return this search
     */
    public VectorSearch<T> offset(int offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, not " + offset);
        }
        this.offset = offset;
        return this;
    }

    /**
     * How many entities to return: a step of the query as in SQL, jOOQ and {@code NearestNeighbors.limit(k)} (and
     * Hibernate's {@code setMaxResults}); {@link #list()} runs it.
     *
     * @param k at least 1; an ANN index is used only with a limit, so a search without one is refused
     * @return this search
     */
    public VectorSearch<T> limit(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, not " + k);
        }
        this.limit = k;
        return this;
    }

    /**
     * Returns the entities read-only (Hibernate's {@code SelectionQuery.setReadOnly}): the session keeps no snapshot
     * of their state and never flushes changes to them, which saves the copy of every loaded vector a managed entity
     * costs. For searches whose results are displayed, not modified.
     *
     * @return this search
     */
    public VectorSearch<T> readOnly() {
        this.readOnly = true;
        return this;
    }

    /**
     * Runs the search, as Hibernate's {@code SelectionQuery.list()} runs a query.
     *
     * @return up to {@link #limit(int) k} entities, nearest first, each with its distance
     * @throws IllegalStateException without a probe or a limit
     */
    public List<Nearest<T>> list() {
        int k = limit;
        if (k == 0) {
            throw new IllegalStateException(path() + ": no limit: call limit(k) first (an ANN index serves only"
                    + " ORDER BY ... LIMIT k; without a limit the whole table is sorted)");
        }
        if (probe == null && probeEntity == null) {
            throw new IllegalStateException("no probe: call to(vector) or toNeighborsOf(entity) first");
        }
        Set<PgVectorFeature> features = PgVectorFeature.requiredFor(type, metric);
        if (!features.isEmpty()) { // e.g. L1 on pgvector 0.5.0: refused naming both versions, not by the server
            session.doWork(connection -> PgVectorExtension.require(connection, features));
        }
        if (filters.isEmpty()) {
            org.hibernate.query.SelectionQuery<Object[]> hql = hqlQuery(k);
            hql.setReadOnly(readOnly);
            bindProbe(hql);
            List<Object[]> rows = runWithSettings(hql::getResultList);
            List<Nearest<T>> hits = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                hits.add(new Nearest<>(entityClass.cast(row[0]), ((Number) row[1]).doubleValue()));
            }
            return hits;
        }
        org.hibernate.query.SelectionQuery<Nearest<T>> typed = criteriaQuery();
        typed.setReadOnly(readOnly);
        typed.setMaxResults(k);
        if (offset > 0) {
            typed.setFirstResult(offset); // only when paging: an OFFSET clause would otherwise be rendered for nothing
        }
        bindProbe(typed);
        return runWithSettings(typed::getResultList);
    }

    private void bindProbe(org.hibernate.query.SelectionQuery<?> query) {
        if (probe != null) {
            query.setParameter("probe", probe);
        } else {
            query.setParameter("probeEntity", probeEntity);
        }
    }

    /**
     * Without filters, HQL text with k (and the offset) as literals: the SQL then says {@code FETCH FIRST 10 ROWS
     * ONLY}, which PostgreSQL plans once and reuses (a generic plan), where a bound limit makes it plan every
     * execution afresh, since a generic plan for an unknown limit looks dearer. Hibernate caches the translation
     * per k (the distance functions mark their vector parameter single-valued, which makes the query cacheable).
     */
    private org.hibernate.query.SelectionQuery<Object[]> hqlQuery(int k) {
        String entity = session.getMetamodel().entity(entityClass).getName();
        String function = VectorFunctions.distanceFunction(metric);
        String probeHql = probe != null ? ":probe" : "(select o." + attribute + " from " + entity + " o where o = :probeEntity)";
        String hql = "select e, " + function + "(e." + attribute + ", " + probeHql + ") from " + entity + " e"
                + (probe != null ? "" : " where e <> :probeEntity")
                + " order by 2" // the distance's position: the vector is bound once
                + (offset > 0 ? " offset " + offset + " rows" : "") + " fetch first " + k + " rows only";
        return session.createSelectionQuery(hql, Object[].class);
    }

    /**
     * With filters, the query as Criteria with its plan cached: Hibernate caches a Criteria query's translation
     * only when asked, and a Criteria parameter takes one value only, so asking is safe; filter values given to the
     * CriteriaBuilder are bound as parameters (Hibernate's default value handling), so one cached plan serves every
     * value. The rows are built as {@link Nearest} by the query itself: Hibernate 7.4 finds no two
     * {@code cb.array(...)} selections compatible for its plan cache (it compares each item with the whole other
     * selection), while constructor selections compare item by item. The probe is bound once: the order is the
     * select item's position. The limit is bound here, so PostgreSQL plans each execution for its filter values.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private org.hibernate.query.SelectionQuery<Nearest<T>> criteriaQuery() {
        HibernateCriteriaBuilder cb = session.getCriteriaBuilder();
        JpaCriteriaQuery<Nearest<T>> query = (JpaCriteriaQuery) cb.createQuery(Nearest.class);
        Root<T> root = query.from(entityClass);
        Expression<?> probeExpression;
        List<Predicate> predicates = new ArrayList<>();
        if (probe != null) {
            probeExpression = cb.parameter(attributeJavaType, "probe");
        } else {
            // entities compared as entities: Hibernate compares their ids, single, @EmbeddedId or @IdClass alike
            Subquery<?> probeVector = query.subquery(attributeJavaType);
            Root<T> other = probeVector.from(entityClass);
            var probeEntityParameter = cb.parameter(entityClass, "probeEntity");
            probeVector.select(other.get(attribute)).where(cb.equal(other, probeEntityParameter));
            probeExpression = probeVector;
            predicates.add(cb.notEqual(root, probeEntityParameter));
        }
        Expression<Double> distance = cb.function(VectorFunctions.distanceFunction(metric), Double.class,
                root.get(attribute), probeExpression);
        for (Filter<T> filter : filters) {
            predicates.add(filter.toPredicate(cb, root));
        }
        query.select((Selection) cb.construct(Nearest.class, root, distance))
                .where(predicates.toArray(Predicate[]::new))
                .orderBy(cb.asc(distance));
        return session.createQuery(query).setQueryPlanCacheable(true);
    }

    private <R> R runWithSettings(java.util.function.Supplier<R> work) {
        return settings.isEmpty() ? work.get() : SessionTransactions.withSettings(session, settings::applyLocal, work);
    }

    private String path() {
        return entityClass.getSimpleName() + "." + attribute;
    }
}
