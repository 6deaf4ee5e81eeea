package io.github.vectororm.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Metadata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LangChain4j {@link Metadata} to and from the {@code jsonb} text of a document row, with Jackson 2 (LangChain4j's
 * own JSON library). A UUID is written as its text, as LangChain4j reads it back ({@code getUUID} parses a string);
 * a number comes back as Integer, Long or Double, the types {@link Metadata} holds: an integral number beyond
 * {@code long} (jsonb prints {@code 3.4028235E38}, {@code Float.MAX_VALUE}, as 39 digits) becomes a Double.
 */
final class MetadataJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private MetadataJson() {
    }

    static String write(Metadata metadata) {
        if (metadata == null) {
            return "{}";
        }
        try {
            return MAPPER.writeValueAsString(metadata.toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata " + metadata + " cannot be written as JSON", e);
        }
    }

    static Metadata read(String json) {
        Map<String, Object> raw;
        try {
            raw = MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metadata is no JSON object: " + json, e);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (value != null) { // Metadata holds no nulls: a JSON null reads as an absent key
                values.put(key, value instanceof BigInteger big ? Double.valueOf(big.doubleValue())
                        : value instanceof BigDecimal decimal ? Double.valueOf(decimal.doubleValue()) : value);
            }
        });
        return Metadata.from(values);
    }
}
