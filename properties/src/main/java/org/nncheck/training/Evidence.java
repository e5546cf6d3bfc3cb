package org.nncheck.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The numbers behind a diagnosis, in the order they were added; null values are left out. */
final class Evidence {
    private final Map<String, Double> values = new LinkedHashMap<>();

    Evidence put(String name, Double value) {
        if (value != null) {
            values.put(name, value);
        }
        return this;
    }

    Evidence put(String name, long value) {
        values.put(name, (double) value);
        return this;
    }

    Diagnosis diagnosis(String id, Long step, String layer, String advice) {
        return new Diagnosis(id, step, layer, Collections.unmodifiableMap(new LinkedHashMap<>(values)), advice);
    }
}
