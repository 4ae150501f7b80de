package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** {@code <DateTime format="iso8601">2026-11-25T06:49:40Z</DateTime>}. */
public class DateTimeValue {
    @XmlAttribute(name = "format")
    private String format;
    @XmlValue
    private String value;

    public DateTimeValue() {
    }

    public DateTimeValue(Instant at) {
        this.format = "iso8601";
        this.value = at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public String text() {
        return Texts.trimmed(value);
    }

    /** The instant, when it is ISO 8601 as deployed servers write it. */
    public Optional<Instant> instant() {
        try {
            return Optional.ofNullable(text()).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
