package com.itvision.maintenance.app.database;

import org.springframework.core.env.Environment;

/** Whether the application runs on its embedded PostgreSQL or on a configured server. */
public enum DatabaseMode {
    EMBEDDED, EXTERNAL;

    public static DatabaseMode of(Environment environment) {
        String url = environment.getProperty("spring.datasource.url", "");
        return url.isBlank() ? EMBEDDED : EXTERNAL;
    }
}
