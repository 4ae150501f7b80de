package org.openimps.ssp.handler;

import org.openimps.ssp.spi.RemoteRequest;

/** Handles the primitives of one family and returns the response primitive. */
public interface RequestHandler {

    boolean handles(Object payload);

    Object handle(RemoteRequest from, Object payload);
}
