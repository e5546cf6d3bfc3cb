package org.nncheck.core;

/**
 * A violation of the nncheck contract by the caller: a wrong parameter name, type or range, a
 * missing tensor, a shape that does not fit. The message says what and where (component id,
 * tensor or parameter name, expected and actual), so that a command line can print it as is,
 * without a stack trace.
 */
public class ContractException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ContractException(String message) {
        super(message);
    }

    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
