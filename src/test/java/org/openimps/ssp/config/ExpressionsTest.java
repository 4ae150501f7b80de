package org.openimps.ssp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionsTest {
    private final Map<String, String> properties = Map.of("ssp.tls.dir", "/etc/imps/tls", "odd", "a$b\\c");

    @Test
    void referencesAreReplacedByTheirPropertiesAndUnknownOnesKeptAsWritten() {
        assertEquals("/etc/imps/tls/truststore.p12", Expressions.expand("${ssp.tls.dir}/truststore.p12", properties::get));
        assertEquals("${nope}/x.p12", Expressions.expand("${nope}/x.p12", properties::get));
        assertEquals("a$b\\c/y", Expressions.expand("${odd}/y", properties::get));
        assertEquals("plain/path", Expressions.expand("plain/path", properties::get));
    }
}
