package com.itvision.maintenance.app.web;

import java.io.IOException;

/** Thrown while reading a body that grows past the configured limit (chunked uploads have no length). */
public class PayloadTooLargeException extends IOException {
    public PayloadTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
