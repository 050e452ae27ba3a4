package io.switchboard.kpi.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An operator forcing contingency on ({@code engage: true}) or off, until the pin is cleared.
 *
 * @param reason why, for the audit trail (required)
 */
public record PinRequest(@NotNull Boolean engage, @NotBlank @Size(min = 3, max = 500) String reason) {
}
