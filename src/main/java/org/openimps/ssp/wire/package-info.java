/**
 * Wire layer: the JAXB model of {@code WV-SSP-Message}, the hardened codec that turns bytes into that model
 * and back, and the header-value grammar. Imports nothing else of this project.
 */
@XmlSchema(namespace = SspNamespaces.SSP_1_3, elementFormDefault = XmlNsForm.QUALIFIED,
        xmlns = {@XmlNs(prefix = "", namespaceURI = SspNamespaces.SSP_1_3),
                 @XmlNs(prefix = "pa", namespaceURI = SspNamespaces.PA_1_3)})
@XmlAccessorType(XmlAccessType.FIELD)
package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNs;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
