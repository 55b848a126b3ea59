package ckpt.job;

/**
 * The bytes a state entry holds: count and sum of amounts in the first 16 bytes, then pseudo-random filler up to
 * the entry size (random, so compression cannot make the state smaller than asked). The same layout as
 * {@link ValueUpdate}'s values.
 */
final class Payload {
    private final int bytes;
    private long random;

    Payload(int bytes, long seed, int subtask) {
        this.bytes = bytes;
        this.random = seed * 31 + subtask + 1;
    }

    /** A fresh entry (a new array: asynchronous state writes keep it until they run). */
    byte[] next(long count, double sum) {
        byte[] b = new byte[bytes];
        putLong(b, 0, count);
        putLong(b, 8, Double.doubleToRawLongBits(sum));
        for (int i = 16; i < b.length; i += 8) {
            random ^= random << 13;
            random ^= random >>> 7;
            random ^= random << 17;
            long r = random;
            for (int k = 0; k < 8 && i + k < b.length; k++) {
                b[i + k] = (byte) (r >>> (8 * k));
            }
        }
        return b;
    }

    static long count(byte[] b) {
        return b == null ? 0 : ValueUpdate.getLong(b, 0);
    }

    static double sum(byte[] b) {
        return b == null ? 0 : Double.longBitsToDouble(ValueUpdate.getLong(b, 8));
    }

    private static void putLong(byte[] a, int at, long v) {
        for (int k = 0; k < 8; k++) {
            a[at + k] = (byte) (v >>> (8 * k));
        }
    }
}
