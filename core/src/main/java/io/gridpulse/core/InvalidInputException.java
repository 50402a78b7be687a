package io.gridpulse.core;

/** Input that can never be accepted as sent: names the field and, for batches, the row. */
public class InvalidInputException extends GridPulseException {
    private final String field;
    private final int row;

    public InvalidInputException(String field, String message) {
        this(field, -1, message);
    }

    /** @param row zero-based row of a batch, or -1 when the error is not about one row */
    public InvalidInputException(String field, int row, String message) {
        super(message);
        this.field = field;
        this.row = row;
    }

    public String field() {
        return field;
    }

    /** Zero-based row in the batch, or -1. */
    public int row() {
        return row;
    }

    /** The same error, placed at a row of a batch. */
    public InvalidInputException atRow(int batchRow) {
        return new InvalidInputException(field, batchRow, getMessage());
    }

    @Override
    public String kind() {
        return "invalid-input";
    }
}
