package com.itvision.maintenance.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The body of every successful command response. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(description = "What a command stored")
public record CommandResult(
        @Schema(description = "Identifier of the aggregate the command changed or created") String id,
        @Schema(description = "Human number, where the aggregate has one (MC-202611-0001)") String number,
        @Schema(description = "Aggregate version after the command; send it back as If-Match") Long version,
        @Schema(description = "Global event-store position of the last stored event; send it as X-Min-Position "
                + "to read your own writes") Long position,
        @Schema(description = "Names of the events stored") List<String> events,
        @Schema(description = "Non-blocking warnings about the stored change") List<String> warnings) {
}
