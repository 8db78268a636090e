package com.itvision.maintenance.kernel.common;

/**
 * Every command names who asks for it; the dispatch layer copies the actor (and the reason, where
 * the command has one) into the metadata of every event the command stores.
 */
public interface Command {

    Actor actor();

    /** The reason given for the change, for commands that take one. */
    default String reason() {
        return null;
    }
}
