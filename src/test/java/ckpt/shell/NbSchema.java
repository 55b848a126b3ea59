package ckpt.shell;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The public nbformat 4.5 JSON schema (test resource nbformat/), and validation of a notebook file against it. */
final class NbSchema {
    private static Schema schema;

    private NbSchema() {
    }

    static synchronized Schema schema() throws IOException {
        if (schema == null) {
            try (InputStream in = NbSchema.class.getResourceAsStream("/nbformat/nbformat.v4.5.schema.json")) {
                schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
            }
        }
        return schema;
    }

    /** The schema's complaints about the file, one line each; empty when the notebook is valid. */
    static List<String> errors(Path ipynb) throws IOException {
        List<Error> errors = schema().validate(Files.readString(ipynb), InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
