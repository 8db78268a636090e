package com.itvision.maintenance.bench;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the generator made, for the drivers to use: clients with their CLIENT user's token, projects, tickets. */
final class World {
    record Client(String id, String token) {
    }

    /** A project, its client and its contract (null: its tickets are billable); hot = a contract with a long history. */
    record Project(String id, Client client, String contractId, boolean hot) {
    }

    final List<Client> clients = new CopyOnWriteArrayList<>();
    final List<Project> projects = new CopyOnWriteArrayList<>();
    final List<String> closedTickets = new CopyOnWriteArrayList<>();

    List<Project> covered() {
        return projects.stream().filter(p -> p.contractId() != null).toList();
    }

    List<Project> hot() {
        return projects.stream().filter(Project::hot).toList();
    }

    List<Project> billable() {
        return projects.stream().filter(p -> p.contractId() == null).toList();
    }
}
