package com.itvision.maintenance.app.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * A request whose body bytes pass through an {@link Inspector} as the application reads them: a check can
 * then refuse a body (size, encoding) however it is sent, chunked included, before any parser has used it.
 */
final class InspectedBody extends HttpServletRequestWrapper {

    /** Sees every byte read, in order; throws to refuse the body. */
    interface Inspector {
        void read(byte[] buffer, int from, int count) throws IOException;

        /** The body ended. */
        default void end() throws IOException {
        }
    }

    private final Inspector inspector;
    private ServletInputStream stream;

    InspectedBody(HttpServletRequest request, Inspector inspector) {
        super(request);
        this.inspector = inspector;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            ServletInputStream delegate = super.getInputStream();
            stream = new ServletInputStream() {
                private final byte[] single = new byte[1];

                @Override
                public int read() throws IOException {
                    int b = delegate.read();
                    if (b < 0) {
                        inspector.end();
                    } else {
                        single[0] = (byte) b;
                        inspector.read(single, 0, 1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int from, int length) throws IOException {
                    int n = delegate.read(buffer, from, length);
                    if (n < 0) {
                        inspector.end();
                    } else if (n > 0) {
                        inspector.read(buffer, from, n);
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return delegate.isFinished();
                }

                @Override
                public boolean isReady() {
                    return delegate.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    delegate.setReadListener(listener);
                }
            };
        }
        return stream;
    }
}
