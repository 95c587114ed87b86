export { HttpAdapter, type HttpAdapterOptions } from './http-adapter.js';
