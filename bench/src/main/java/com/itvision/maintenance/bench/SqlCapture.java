package com.itvision.maintenance.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL a GET runs, taken from the running application itself, so the limit always runs what the
 * application runs today, whatever the query code becomes: jOOQ's execute logging
 * ({@code org.jooq.tools.LoggerListener} at DEBUG, switched on through {@code /actuator/loggers} for one
 * request only) logs each statement with its bind values inlined, in the request's log lines, which carry
 * the request's correlation id. Statements that do not go through jOOQ (plain JDBC) are not seen: the
 * report says how many statements were captured per request.
 */
final class SqlCapture {
    private static final String LOGGER = "/actuator/loggers/org.jooq.tools.LoggerListener";
    private static final Pattern LINE = Pattern.compile("org\\.jooq\\.tools\\.LoggerListener\\s*:\\s*"
            + "(Executing query|-> with bind values)\\s*:\\s*(.*)$");

    private final Http http;
    private final String admin;
    private final AppProcess app;

    SqlCapture(Http http, String admin, AppProcess app) {
        this.http = http;
        this.admin = admin;
        this.app = app;
    }

    /** The statements, in order, that one {@code GET path} by {@code authorization} ran. */
    List<String> capture(String path, String authorization) throws Exception {
        String correlation = "bench-sql-" + UUID.randomUUID();
        http.post(LOGGER, admin, Map.of("configuredLevel", "DEBUG"));
        try {
            Http.Response response = http.send("GET", path, authorization, null, correlation);
            if (response.status() != 200) {
                throw new Http.Refused("GET " + path, response);
            }
        } finally {
            http.post(LOGGER, admin, Map.of());
        }
        Thread.sleep(200); // the child's log is flushed line by line; give it a moment
        List<String> statements = new ArrayList<>();
        for (String line : app.output().split("\n")) {
            if (!line.contains("[" + correlation + "]")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                if (m.group(1).startsWith("->") && !statements.isEmpty()) {
                    statements.set(statements.size() - 1, m.group(2)); // the same statement, binds inlined
                } else {
                    statements.add(m.group(2));
                }
            }
        }
        return statements;
    }
}
