package dev.steward.application.port.out;

/** Hands out new GUID ids. */
public interface IdGenerator {
  String newId();
}
