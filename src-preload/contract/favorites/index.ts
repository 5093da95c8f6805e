/** The favorites domain of the contract (SPEC D1, D2): the model, the `favorites.*` channels and the HTTP routes. */
export * from './favorites-model';
export * from './favorites-ipc';
export * from './favorites-http';
