// @peculiar/x509 relies on tsyringe, which needs the reflect polyfill before it loads.
import "reflect-metadata";
