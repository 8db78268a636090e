package com.itvision.maintenance.query.support;

import com.itvision.maintenance.kernel.common.Actor;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Builds the caller's {@link QueryScope} for a request. */
@Component
public class ScopeResolver {
    private final DSLContext dsl;

    public ScopeResolver(DSLContext dsl) {
        this.dsl = dsl;
    }

    public QueryScope of(Actor actor) {
        return QueryScope.of(actor, dsl);
    }
}
