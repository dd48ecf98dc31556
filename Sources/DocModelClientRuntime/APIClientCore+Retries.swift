import OpenAPIRuntime

extension APIClientCore {
    /// The retry middleware for `request`, resolved as the SDK resolves `retries`
    /// (SDK-FACTS section r, `friendli/core/serverless_completions.py:78-87`): the call's policy,
    /// else the client's, else the operation's default, else none; the statuses are the policy's
    /// override when non-empty, else the operation's.
    ///
    /// Built per request and placed outermost by ``send(_:)``, so the settings travel as plain
    /// values: no task-local or header carries them through the user's middlewares.
    public func retryMiddleware(for request: APIRequest) -> RetryMiddleware {
        let policy = request.retries ?? configuration.retryPolicy ?? request.defaultRetryPolicy ?? .disabled
        return RetryMiddleware(
            policy: policy, statusCodes: policy.retriedStatusCodes(operationCodes: request.retryStatusCodes),
            connectionErrors: request.retriedConnectionErrors ?? .network,
            randomSource: configuration.retryRandomSource, clock: configuration.clock)
    }
}
