package com.itvision.maintenance.command.directory;

import com.itvision.maintenance.kernel.common.UserId;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keeps the saved hashes so a test can check that the credential went here and nowhere else. */
final class InMemoryCredentialStore implements CredentialStore {
    private final Map<UserId, String> hashes = new LinkedHashMap<>();

    @Override
    public void save(UserId userId, String passwordHash) {
        hashes.put(userId, passwordHash);
    }

    Map<UserId, String> saved() {
        return Map.copyOf(hashes);
    }
}
