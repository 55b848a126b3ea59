import ckpt.data.Transactions;
import java.nio.file.Path;
import tech.tablesaw.api.Table;

/**
 * Times ckpt.data.Transactions.load on one file inside one JVM: the first load (cold: classes loading, the JIT
 * not yet warmed) and then the best of N more. Only the load into memory is timed, not the JVM start.
 * With --tablesaw it also times Tablesaw's own CSV reader (Table.read().csv) for comparison.
 *
 * Run by bench/csv-vs-pandas.sh: java -cp target/classes:$(cat target/classpath.txt) bench/CsvBench.java FILE
 */
public class CsvBench {
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: CsvBench FILE [REPEATS] [--tablesaw]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int repeats = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 3;
        boolean tablesaw = java.util.Arrays.asList(args).contains("--tablesaw");

        long t0 = System.nanoTime();
        Table first = Transactions.load(file);
        double cold = (System.nanoTime() - t0) / 1e9;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            Table table = Transactions.load(file);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
            if (table.rowCount() != first.rowCount()) {
                throw new IllegalStateException("row count changed between loads");
            }
        }
        System.out.printf("java_rows %d%n", first.rowCount());
        System.out.printf("java_missing_amounts %d%n", Transactions.missingCount(first, "amount"));
        System.out.printf("java_cold_s %.3f%n", cold);
        System.out.printf("java_best_s %.3f%n", best);

        if (tablesaw) {
            double tsBest = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                long t = System.nanoTime();
                Table table = Table.read().csv(file.toString());
                tsBest = Math.min(tsBest, (System.nanoTime() - t) / 1e9);
                if (table.rowCount() != first.rowCount()) {
                    throw new IllegalStateException("tablesaw read " + table.rowCount() + " rows");
                }
            }
            System.out.printf("tablesaw_best_s %.3f%n", tsBest);
        }
    }
}
