/**
 * Durable state on the container's default datasource (plain JDBC, {@code java:comp/DefaultDataSource}: embedded H2 on
 * WildFly and Payara, PostgreSQL by the switch in {@code deploy/postgresql}): the outbound queue and the inbound
 * dedupe records. Rows carry the local domain, so several deployments share one datasource.
 */
package org.openimps.ssp.store;
