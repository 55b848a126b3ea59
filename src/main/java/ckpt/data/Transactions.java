package ckpt.data;

import tech.tablesaw.api.Table;

/** PLACEHOLDER — the data room replaces this (validated CSV loading, seeded generator). */
public final class Transactions {
    private Transactions() {
    }

    public static Table load(String path) {
        return Table.read().csv(path);
    }
}
