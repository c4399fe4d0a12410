"""Phone callbacks under KVKK: the dialog, the callbacks list and their actions."""
