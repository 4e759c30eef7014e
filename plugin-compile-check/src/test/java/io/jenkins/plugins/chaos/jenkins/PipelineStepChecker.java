package io.jenkins.plugins.chaos.jenkins;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;

/**
 * Parses a Jenkinsfile with the Groovy compiler and reports every call of this plugin's steps that uses an unknown
 * argument (also inside nested maps such as {@code selector:} and lists such as {@code faults:}), and every call
 * of a step-like name ({@code chaos...}, {@code ...Probe}) that is not one of the plugin's steps.
 */
final class PipelineStepChecker {

    record Finding(String file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    record Report(List<Finding> problems, Map<String, Integer> stepCalls) {
    }

    static Report check(String name, String script) {
        CompilationUnit unit = new CompilationUnit();
        unit.addSource(name, script);
        // syntax and AST only: the script's step calls are resolved at run time by Jenkins, not by the compiler
        unit.compile(Phases.CONVERSION);
        List<Finding> problems = new ArrayList<>();
        Map<String, Integer> calls = new TreeMap<>();
        unit.iterator().forEachRemaining(source -> {
            ClassCodeVisitorSupport visitor = new ClassCodeVisitorSupport() {
                @Override
                protected SourceUnit getSourceUnit() {
                    return source;
                }

                @Override
                public void visitMethodCallExpression(MethodCallExpression call) {
                    String method = call.getMethodAsString();
                    Class<?> step = method == null ? null : ChaosStepNames.STEPS.get(method);
                    if (step != null) {
                        calls.merge(method, 1, Integer::sum);
                        checkArguments(name, method, step, call.getArguments(), problems);
                    } else if (method != null && (method.startsWith("chaos") || method.endsWith("Probe"))) {
                        problems.add(new Finding(name, call.getLineNumber(), "unknown step '" + method + "'; the plugin's steps are "
                                + ChaosStepNames.STEPS.keySet()));
                    }
                    super.visitMethodCallExpression(call);
                }
            };
            // the script body is the run() method of the script class, so visiting the classes covers everything once
            for (ClassNode type : source.getAST().getClasses()) {
                visitor.visitClass(type);
            }
        });
        return new Report(problems, calls);
    }

    private static void checkArguments(String file, String step, Class<?> type, Expression arguments, List<Finding> problems) {
        if (arguments instanceof TupleExpression tuple) {
            for (Expression argument : tuple.getExpressions()) {
                if (argument instanceof MapExpression map) {
                    checkMap(file, step, type, map, problems);
                } else if (!(argument instanceof ClosureExpression)) {
                    problems.add(new Finding(file, argument.getLineNumber(), step + ": use named arguments, found " + argument.getText()));
                }
            }
        }
    }

    private static void checkMap(String file, String where, Class<?> type, MapExpression map, List<Finding> problems) {
        Map<String, Class<?>> allowed = StepArgumentModel.arguments(type);
        for (MapEntryExpression entry : map.getMapEntryExpressions()) {
            if (!(entry.getKeyExpression() instanceof ConstantExpression key)) {
                problems.add(new Finding(file, entry.getLineNumber(), where + ": argument names must be literal"));
                continue;
            }
            String name = String.valueOf(key.getValue());
            Class<?> valueType = allowed.get(name);
            if (valueType == null) {
                problems.add(new Finding(file, entry.getLineNumber(), where + ": unknown argument '" + name + "'; allowed: " + allowed.keySet()));
                continue;
            }
            if (StepArgumentModel.isNested(valueType)) {
                checkNested(file, where + "." + name, valueType, entry.getValueExpression(), problems);
            }
        }
    }

    private static void checkNested(String file, String where, Class<?> type, Expression value, List<Finding> problems) {
        if (value instanceof MapExpression map) {
            checkMap(file, where, type, map, problems);
        } else if (value instanceof ListExpression list) {
            for (Expression element : list.getExpressions()) {
                checkNested(file, where + "[]", type, element, problems);
            }
        }
    }
}
