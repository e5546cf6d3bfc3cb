package com.example.tinynn;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.conformance.AbstractConformanceTest;
import org.nncheck.conformance.Capability;
import org.nncheck.conformance.Implementation;
import org.nncheck.core.Component;

/** TinyNn checked by the nncheck conformance kit: one test per check, named 'entry > check'. */
class TinyNnConformanceTest extends AbstractConformanceTest {
    private static final Map<String, Supplier<Component>> COMPONENTS = Map.of(
            "relu", TinyNn.Relu::new, "sigmoid", TinyNn.Sigmoid::new, "brightness", TinyNn.Brightness::new);

    @Override
    protected Implementation implementation() {
        return new Implementation() {
            @Override
            public String name() {
                return "tinynn 1.0";
            }

            @Override
            public Optional<Component> component(Entry entry) {
                return Optional.ofNullable(COMPONENTS.get(entry.id())).map(Supplier::get);
            }

            @Override
            public Capability capability(Entry entry) {
                return entry.id().equals("brightness") ? Capability.following("no clamping to [0, 1]") : Capability.full();
            }
        };
    }

    @Override
    protected List<Entry> entries() {
        return COMPONENTS.keySet().stream().sorted().map(id -> Catalogue.get(id).orElseThrow()).toList();
    }
}
