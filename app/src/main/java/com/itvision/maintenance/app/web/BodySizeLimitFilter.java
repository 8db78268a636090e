package com.itvision.maintenance.app.web;

import com.itvision.maintenance.app.MaintenanceProperties;
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

/** Refuses bodies above {@code maintenance.api.max-body-size} with 413, declared or streamed. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class BodySizeLimitFilter extends OncePerRequestFilter {
    private final long limit;

    public BodySizeLimitFilter(MaintenanceProperties properties) {
        this.limit = properties.api().maxBodySize().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            Problems.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body is larger than " + limit + " bytes");
            return;
        }
        long[] read = {0};
        chain.doFilter(new InspectedBody(request, (buffer, from, count) -> {
            read[0] += count;
            if (read[0] > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }), response);
    }
}
