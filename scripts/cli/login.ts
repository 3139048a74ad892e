import { LOGIN_USAGE, parseLoginOptions, runLogin } from '../login/login-command';
import { runCli } from './shell';

runCli(LOGIN_USAGE, parseLoginOptions, (options) => runLogin(options, process.stdout));
