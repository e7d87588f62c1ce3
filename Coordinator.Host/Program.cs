// Entry point; the verbs arrive with the foundation issue's host work.
Console.Error.WriteLine("usage: coordinator <serve|shell|status|bench> (not implemented yet)");
return 2;
