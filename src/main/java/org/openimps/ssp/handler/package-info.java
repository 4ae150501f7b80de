/**
 * One handler per primitive family: checks what the binding can check (sender domain against the session),
 * calls the host SPI and returns the response primitive. Handlers return values; they never send.
 */
package org.openimps.ssp.handler;
