package com.itvision.maintenance.command.directory;

import com.itvision.maintenance.kernel.common.UserId;

/** Password hashes live here, outside the event store, so they can be changed or erased. */
public interface CredentialStore {

    void save(UserId userId, String passwordHash);
}
