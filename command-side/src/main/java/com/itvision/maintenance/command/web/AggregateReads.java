package com.itvision.maintenance.command.web;

import java.util.concurrent.Callable;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/** Reads an aggregate's state in a unit of work of its own (until the read models serve these views). */
public final class AggregateReads {
    private AggregateReads() {
    }

    public static <T> T read(Callable<T> read) {
        ResultMessage<T> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(read);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(failure);
        }
        return result.getPayload();
    }
}
