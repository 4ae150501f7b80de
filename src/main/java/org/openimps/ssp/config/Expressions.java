package org.openimps.ssp.config;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${name}} in file paths of the configuration, replaced by the system property of that name, so one
 * configuration file serves servers that keep their TLS material in different places. A missing property is
 * left as written: the file is then not found, and the error names the path.
 */
final class Expressions {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    private Expressions() {
    }

    static String expand(String text) {
        return expand(text, System::getProperty);
    }

    static String expand(String text, UnaryOperator<String> properties) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = properties.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
