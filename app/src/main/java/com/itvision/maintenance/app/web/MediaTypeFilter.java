package com.itvision.maintenance.app.web;

import com.itvision.maintenance.kernel.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The media types of a command are settled before it runs (issue 7's malformed-request corpus found both):
 * <ul>
 *   <li>an {@code Accept} header that takes no JSON is 406 up front: Spring MVC only finds out when it
 *       writes the answer, after the command has committed, so the caller was told "refused" about a stored
 *       change (and a retry stored it twice);</li>
 *   <li>a {@code Content-Type} that is not one concrete media type ({@code *}{@code /*}, {@code application/*},
 *       unparseable) is 415: with a wildcard Spring failed with 500.</li>
 * </ul>
 * Reads are left to Spring: a GET refused at the end has changed nothing, and each one knows what it
 * produces (JSON, CSV). After Spring Security, so that an anonymous caller still gets 401; before the
 * Idempotency-Key filter, so that a refused request claims no key.
 */
@Component
@Order(0)
public class MediaTypeFilter extends OncePerRequestFilter {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** What a command's answer can be written as: JSON, or any {@code +json} type the caller prefers. */
    private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON,
            new MediaType("application", "*+json"));

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !concrete(contentType)) {
            Problems.write(request, response, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be one media type, application/json");
            return;
        }
        List<String> accept = Collections.list(request.getHeaders("Accept"));
        if (!accept.isEmpty() && !acceptsJson(String.join(",", accept))) {
            Problems.write(request, response, ErrorCode.MALFORMED_REQUEST, HttpStatus.NOT_ACCEPTABLE,
                    "This API answers commands with application/json: accept it (or send no Accept header)");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean concrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** An empty header accepts anything; otherwise one acceptable type (quality above 0) must fit an answer. */
    static boolean acceptsJson(String accept) {
        if (accept.isBlank()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.getQualityValue() > 0
                    && ANSWERS.stream().anyMatch(type::isCompatibleWith));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
