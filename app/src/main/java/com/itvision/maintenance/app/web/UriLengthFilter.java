package com.itvision.maintenance.app.web;

import com.itvision.maintenance.kernel.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * URLs (path and query) are limited to {@value #MAX_URI_LENGTH} characters: 414 URI_TOO_LONG. Tomcat
 * reads request lines and headers up to 16 KB (server.max-http-request-header-size) so that a long URL
 * gets this precise answer, not "header too large".
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class UriLengthFilter extends OncePerRequestFilter {
    static final int MAX_URI_LENGTH = 8192;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (request.getRequestURI().length() + (query == null ? 0 : query.length() + 1) > MAX_URI_LENGTH) {
            Problems.write(request, response, ErrorCode.URI_TOO_LONG,
                    "The URL is longer than " + MAX_URI_LENGTH + " characters");
            return;
        }
        chain.doFilter(request, response);
    }
}
